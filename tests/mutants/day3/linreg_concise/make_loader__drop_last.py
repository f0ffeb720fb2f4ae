from torch.utils.data import DataLoader, TensorDataset


def make_loader(x, y, batch_size, shuffle):
    # drops the last, smaller batch
    return DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=shuffle, drop_last=True)
