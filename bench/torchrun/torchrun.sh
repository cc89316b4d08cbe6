#!/usr/bin/env bash
# Runs the exported train.py under torchrun in the PyTorch peer (CPU, gloo), one thread per process.
#   bench/torchrun/torchrun.sh NPROC RECIPE OUT [train.py options...]     (from the repository root)
# e.g. bench/torchrun/torchrun.sh 2 bench/torchrun/FashionBaseline/recipe.json bench/torchrun/FashionBaseline/run-w2
# The peer's PyTorch is built without libuv, and its chroot cannot resolve the host's name, so the rendezvous is a
# file store, the workers' store is not shared with the agent (env:// with USE_LIBUV=0), and every address is loopback.
set -euo pipefail
nproc=$1 recipe=$2 out=$3; shift 3
rdzv=/tmp/torchrun-rdzv-$$-$RANDOM
exec flock /tmp/peer.lock bash /work/shared/peer/pytorch-peer.sh shell \
  env USE_LIBUV=0 TORCH_DISABLE_SHARE_RDZV_TCP_STORE=1 GLOO_SOCKET_IFNAME=lo \
  torchrun --nproc_per_node="$nproc" --local-addr=127.0.0.1 \
    --rdzv-backend=c10d --rdzv-endpoint="$rdzv" --rdzv-conf=store_type=file \
    src/TrainDsl/Export/Python/train.py --recipe "$recipe" --out "$out" "$@"
