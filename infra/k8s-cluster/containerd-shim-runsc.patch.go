// Added to gvisor.dev/gvisor/pkg/shim/v1 by infra/k8s-cluster/build-gvisor-node.sh: the shim's start lowers the
// new shim's OOM score to -999, which needs CAP_SYS_RESOURCE. Where that is refused, it takes the score
// containerd's own runc shim gives (its parent's + 1, which raising needs no capability for).

package v1

import (
	"os"

	"github.com/containerd/containerd/v2/pkg/shim"
	"github.com/containerd/containerd/v2/pkg/sys"
)

func setShimOOMScore(pid int) error {
	err := sys.SetOOMScore(pid, oomScoreMax)
	if err != nil && os.IsPermission(err) {
		return shim.AdjustOOMScore(pid)
	}
	return err
}
