import torch


def dead_units(layer, inputs):
    with torch.no_grad():
        out = torch.relu(layer(inputs))
    return (out == 0).all(dim=0).float()
