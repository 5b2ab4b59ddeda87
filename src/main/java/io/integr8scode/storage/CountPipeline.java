package io.integr8scode.storage;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * The aggregation the MongoDB driver sends for {@code countDocuments} (and so camel-mongodb's {@code count}):
 * {@code [{$match: filter}, {$skip: n}?, {$limit: n}?, {$group: {_id: 1, n: {$sum: 1}}}]}. mongo-java-server
 * runs every aggregation by loading all documents of the collection first; this shape is answered by the
 * collection's count instead, which uses the indexes. The reply is what MongoDB gives: one group
 * {@code {_id: 1, n}}, or none when nothing matches.
 */
record CountPipeline(Document filter, int skip, int limit) {

    private static final Document COUNT_GROUP = new Document("_id", 1).append("n", new Document("$sum", 1));

    /** The count the aggregate command asks for, or null if it is any other pipeline. */
    static CountPipeline of(Document aggregateCommand) {
        if (!(aggregateCommand.get("pipeline") instanceof List<?> stages) || stages.size() < 2 || stages.size() > 4) {
            return null;
        }
        if (!(stages.get(0) instanceof Document match && match.size() == 1 && match.get("$match") instanceof Document filter)) {
            return null;
        }
        if (!(stages.get(stages.size() - 1) instanceof Document group && group.size() == 1 && COUNT_GROUP.equals(group.get("$group")))) {
            return null;
        }
        int skip = 0;
        int limit = 0;
        for (Object stage : stages.subList(1, stages.size() - 1)) {
            if (stage instanceof Document skipStage && skipStage.size() == 1 && skipStage.get("$skip") instanceof Number n && limit == 0) {
                skip = n.intValue();
            } else if (stage instanceof Document limitStage && limitStage.size() == 1 && limitStage.get("$limit") instanceof Number n) {
                limit = n.intValue();
            } else {
                return null;
            }
        }
        return new CountPipeline(filter, skip, limit);
    }

    /** The aggregate command's reply for the collection (null when it does not exist). */
    Document answer(String namespace, MongoCollection<?> collection) {
        int count = collection == null ? 0 : collection.count(filter, skip, limit);
        List<Document> groups = count == 0 ? List.of() : List.of(new Document("_id", 1).append("n", count));
        Document cursor = new Document("id", 0L).append("ns", namespace).append("firstBatch", groups);
        return new Document("cursor", cursor).append("ok", 1.0);
    }
}
