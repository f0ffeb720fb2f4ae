def chain_rule(df_du, du_dx):
    return df_du / du_dx
