package io.integr8scode.kubernetes;

import java.util.List;
import java.util.Optional;

import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;

/** A cluster of one: this replica always leads. For a single replica when leader election is switched off. */
class SingleReplicaClusterService extends AbstractCamelClusterService<SingleReplicaClusterService.SoleView> {

    SingleReplicaClusterService() {
        super("single-replica");
    }

    @Override
    protected SoleView createView(String namespace) {
        return new SoleView(this, namespace);
    }

    static final class SoleView extends AbstractCamelClusterView {

        private final CamelClusterMember self = new CamelClusterMember() {
            @Override
            public boolean isLeader() {
                return true;
            }

            @Override
            public boolean isLocal() {
                return true;
            }

            @Override
            public String getId() {
                return "local";
            }
        };

        SoleView(CamelClusterService service, String namespace) {
            super(service, namespace);
        }

        @Override
        public void addEventListener(CamelClusterEventListener listener) {
            super.addEventListener(listener);
            // Leadership never changes, so each new listener is told at once.
            if (listener instanceof CamelClusterEventListener.Leadership leadership) {
                leadership.leadershipChanged(this, self);
            }
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            return Optional.of(self);
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return self;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            return List.of(self);
        }

        @Override
        protected void doStart() {
            // nothing to acquire
        }

        @Override
        protected void doStop() {
            // nothing to release
        }
    }
}
