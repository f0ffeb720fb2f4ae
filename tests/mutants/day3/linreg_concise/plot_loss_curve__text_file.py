def plot_loss_curve(losses, path):
    # writes the numbers instead of a picture
    with open(path, "w") as fh:
        fh.write("\n".join(str(v) for v in losses))
