package io.integr8scode.storage;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only the driver's countDocuments pipeline is answered as a count; every other aggregation runs as before. */
class CountPipelineTest {

    private static final Document MATCH = new Document("$match", new Document("status", "queued"));
    private static final Document GROUP = new Document("$group", new Document("_id", 1).append("n", new Document("$sum", 1)));

    @Test
    void recognisesTheCountDocumentsPipelineWithItsSkipAndLimit() {
        assertThat(CountPipeline.of(aggregate(MATCH, GROUP))).isEqualTo(new CountPipeline(new Document("status", "queued"), 0, 0));
        assertThat(CountPipeline.of(aggregate(MATCH, new Document("$skip", 5), new Document("$limit", 10), GROUP)))
                .isEqualTo(new CountPipeline(new Document("status", "queued"), 5, 10));
    }

    @Test
    void leavesOtherPipelinesToTheAggregation() {
        Document byStatus = new Document("$group", new Document("_id", "$status").append("count", new Document("$sum", 1)));
        assertThat(CountPipeline.of(aggregate(byStatus))).isNull();
        assertThat(CountPipeline.of(aggregate(MATCH, byStatus))).isNull();
        assertThat(CountPipeline.of(aggregate(MATCH, new Document("$limit", 10), new Document("$skip", 5), GROUP)))
                .as("a skip after a limit is not countDocuments' shape").isNull();
        assertThat(CountPipeline.of(aggregate(MATCH, new Document("$sort", new Document("a", 1)), GROUP))).isNull();
    }

    private static Document aggregate(Document... stages) {
        return new Document("aggregate", "executions").append("pipeline", List.of(stages));
    }
}
