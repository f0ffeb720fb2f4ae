import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def plot_loss_curve(losses, path):
    # writes a JPEG (or any other format) instead of a PNG
    fig, ax = plt.subplots()
    ax.plot(losses)
    fig.savefig(path, format="jpg")
    plt.close(fig)
