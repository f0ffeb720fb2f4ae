# affects: train_model
from torch.utils.data import DataLoader, TensorDataset


def make_loader(x, y, batch_size, shuffle):
    # batch_size passed in the wrong place: DataLoader's default batch size 1 is used
    return DataLoader(TensorDataset(x, y), shuffle=shuffle)
