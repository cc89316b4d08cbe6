"""torchrun's environment: one process per rank, gloo on CPU and nccl on CUDA, chosen automatically."""

import os

import torch
import torch.distributed as dist


class World:
    def __init__(self, threads=None):
        self.size = int(os.environ.get("WORLD_SIZE", "1"))
        self.rank = int(os.environ.get("RANK", "0"))
        self.local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        cuda = torch.cuda.is_available()
        self.device = torch.device(f"cuda:{self.local_rank}" if cuda else "cpu")
        if cuda:
            torch.cuda.set_device(self.device)
        # Under torchrun on CPU each process takes one thread unless told otherwise, so N processes do not oversubscribe.
        if threads is None and self.size > 1 and not cuda:
            threads = 1
        if threads:
            torch.set_num_threads(threads)
        self.threads = torch.get_num_threads()
        if self.size > 1:
            dist.init_process_group(backend="nccl" if cuda else "gloo")
        self.backend = dist.get_backend() if self.size > 1 else None

    @property
    def main(self):
        return self.rank == 0

    def barrier(self):
        if self.size > 1:
            dist.barrier()

    def all_sum(self, values):
        """Sums a list of floats over the ranks."""
        if self.size == 1:
            return values
        t = torch.tensor(values, dtype=torch.float64, device=self.device if self.device.type == "cuda" else "cpu")
        dist.all_reduce(t)
        return t.tolist()

    def all_min(self, value):
        if self.size == 1:
            return value
        t = torch.tensor([float(value)], dtype=torch.float64, device=self.device if self.device.type == "cuda" else "cpu")
        dist.all_reduce(t, op=dist.ReduceOp.MIN)
        return t.item()

    def broadcast_flag(self, flag):
        """Rank 0's decision for every rank (early stopping)."""
        if self.size == 1:
            return flag
        t = torch.tensor([1.0 if flag else 0.0], dtype=torch.float64, device=self.device if self.device.type == "cuda" else "cpu")
        dist.broadcast(t, 0)
        return bool(t.item())

    def close(self):
        if self.size > 1:
            dist.destroy_process_group()
