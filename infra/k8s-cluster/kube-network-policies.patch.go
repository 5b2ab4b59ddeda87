// Added to sigs.k8s.io/kube-network-policies by infra/k8s-cluster/build.sh: the kernel on the project's
// machines has no nft_queue (CONFIG_NFT_QUEUE unset), so the `queue` expression is replaced by the
// xtables NFQUEUE target (xt_NFQUEUE revision 3), which nftables runs through nft_compat. Packets reach
// the same queue with the same fail-open (bypass) semantics; the verdict path is unchanged.

package networkpolicy

import (
	"github.com/google/nftables/binaryutil"
	"github.com/google/nftables/expr"
	"github.com/google/nftables/xt"
)

// xt_NFQ_info_v3: queuenum, queues_total, flags (bit 0: bypass when no listener), native endian.
func xtablesQueue(num uint16, failOpen bool) expr.Any {
	var flags uint16
	if failOpen {
		flags = 1
	}
	info := append(append(binaryutil.NativeEndian.PutUint16(num), binaryutil.NativeEndian.PutUint16(1)...),
		binaryutil.NativeEndian.PutUint16(flags)...)
	unknown := xt.Unknown(info)
	return &expr.Target{Name: "NFQUEUE", Rev: 3, Info: &unknown}
}
