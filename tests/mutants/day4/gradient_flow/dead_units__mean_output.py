import torch


def dead_units(layer, inputs):
    # "dead" when the average output is small
    with torch.no_grad():
        out = torch.relu(layer(inputs))
    return out.mean(dim=0) < 0.05
