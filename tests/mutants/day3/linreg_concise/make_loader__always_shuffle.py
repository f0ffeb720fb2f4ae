from torch.utils.data import DataLoader, TensorDataset


def make_loader(x, y, batch_size, shuffle):
    # ignores the shuffle argument
    return DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=True)
