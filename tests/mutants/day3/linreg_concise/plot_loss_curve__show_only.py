import matplotlib.pyplot as plt


def plot_loss_curve(losses, path):
    # the notes' plt.show(): nothing is saved
    plt.plot(range(len(losses)), losses)
    plt.title("loss")
    plt.grid(True)
    plt.show()
