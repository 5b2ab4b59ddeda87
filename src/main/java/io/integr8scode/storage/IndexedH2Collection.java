package io.integr8scode.storage;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.MVMap;

/**
 * The H2 collection reading through indexes. The library scans every document unless a unique index matches
 * the filter's keys exactly, which {@code {$and: [{_id: x}, {status: s}]}} (every conditional update here)
 * never does. Here a filter fixing the _id reads that one document; otherwise the best {@link QueryPlan} over
 * the secondary indexes gives the candidates, streamed in index order so a served sort needs no sorting and
 * skip and limit stop the reading early; with no useful index it scans as before. Candidates always pass
 * the full filter. Counts of exactly covered filters come from index positions without reading documents.
 */
final class IndexedH2Collection extends H2Collection {

    IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                        MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        Document filter = query == null ? new Document() : query;
        if (!isNaturalOrder(orderBy)) {
            List<Object> byId = positionsById(filter);
            if (byId != null) {
                return matchDocumentsFromStream(filter, documents(byId.stream()), numberToSkip, limit, batchSize,
                        deriveComparator(orderBy), fieldSelector);
            }
            QueryPlan plan = QueryPlan.choose(secondaryIndexes(), filter, orderBy);
            if (plan != null) {
                boolean jump = plan.exact() && plan.ordered();
                Stream<Object> positions = plan.positions(jump ? numberToSkip : 0);
                return matchDocumentsFromStream(filter, documents(positions), jump ? 0 : numberToSkip, limit, batchSize,
                        plan.ordered() ? null : deriveComparator(orderBy), fieldSelector);
            }
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    public int count(Document query, int skip, int limit) {
        if (query == null || query.isEmpty()) {
            return super.count(query, skip, limit);
        }
        QueryPlan plan = positionsById(query) == null ? QueryPlan.choose(secondaryIndexes(), query, null) : null;
        if (plan == null || !plan.exact()) {
            return super.count(query, skip, limit); // reads through queryDocuments above
        }
        long count = Math.max(0, plan.count() - Math.max(skip, 0));
        return (int) (limit > 0 ? Math.min(limit, count) : count);
    }

    /** The position (the _id) the filter's _id equality names, through the _id index; null if it names none. */
    private List<Object> positionsById(Document filter) {
        FilterTerms.Term id = FilterTerms.of(filter).term(SecondaryIndex.ID);
        if (id == null || !id.hasEquality) {
            return null;
        }
        Document byId = new Document(SecondaryIndex.ID, id.equality);
        for (Index<Object> index : getIndexes()) {
            if (index.isUnique() && index.canHandle(byId)) {
                return StreamSupport.stream(index.getPositions(byId).spliterator(), false).toList();
            }
        }
        return null;
    }

    private Stream<Document> documents(Stream<Object> positions) {
        return positions.map(this::getDocument).filter(Objects::nonNull);
    }

    private List<SecondaryIndex> secondaryIndexes() {
        return getIndexes().stream()
                .filter(SecondaryIndex.class::isInstance)
                .map(SecondaryIndex.class::cast)
                .toList();
    }

    private static boolean isNaturalOrder(Document orderBy) {
        return orderBy != null && orderBy.containsKey("$natural");
    }
}
