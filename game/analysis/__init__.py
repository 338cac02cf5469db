"""Analysis on the batch axis: batch runs, sweeps, advisor forecasts."""

from game.analysis.batch import BatchResult, run_batch, winners

__all__ = ["BatchResult", "run_batch", "winners"]
