package io.integr8scode.storage;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.List;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index that mongo-java-server's H2 backend leaves out (it accepts the definition and ignores
 * it): one MVMap entry {@code [values..., _id]} per document (see {@link IndexKeyType}), in the same MVStore
 * as the documents, so the commit after a command covers both. It is maintained on every insert, update and
 * delete; queries use it through {@link QueryPlan}, never through {@link #canHandle}, which the library would
 * only consult for an exact key match. A document holding an array in an indexed field gets a
 * {@link IndexKeyType#MULTIKEY} entry instead, and the index then serves no query (MongoDB's multikey
 * semantics are not reproduced).
 */
final class SecondaryIndex extends Index<Object> {

    static final String ID = "_id";

    private final MVMap<Object[], Boolean> entries;
    private final List<String> fields;
    private final List<Boolean> ascending;

    SecondaryIndex(String name, List<IndexKey> keys, MVMap<Object[], Boolean> entries) {
        super(name, keys, false);
        this.entries = entries;
        this.fields = keys.stream().map(IndexKey::getKey).toList();
        this.ascending = keys.stream().map(IndexKey::isAscending).toList();
    }

    static List<Boolean> directions(List<IndexKey> keys) {
        return keys.stream().map(IndexKey::isAscending).toList();
    }

    List<String> fields() {
        return fields;
    }

    boolean ascending(int key) {
        return ascending.get(key);
    }

    MVMap<Object[], Boolean> entries() {
        return entries;
    }

    /** True while some document holds an array in an indexed field: entries would then miss matches. */
    boolean isMultikey() {
        return entries.ceilingKey(new Object[] {IndexKeyType.MULTIKEY}) != null;
    }

    static Object positionOf(Object[] entry) {
        return entry[entry.length - 1];
    }

    private Object[] entryOf(Document document) {
        Object id = document.get(ID);
        Object[] entry = new Object[fields.size() + 1];
        for (int i = 0; i < fields.size(); i++) {
            Object value = Utils.getSubdocumentValueCollectionAware(document, fields.get(i));
            if (value instanceof Collection) {
                return new Object[] {IndexKeyType.MULTIKEY, id};
            }
            entry[i] = Missing.isNullOrMissing(value) ? null : value;
        }
        entry[fields.size()] = id;
        return entry;
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        entries.put(entryOf(document), Boolean.TRUE);
    }

    /** The position of a document in the H2 collection is its _id. */
    @Override
    public Object remove(Document document) {
        entries.remove(entryOf(document));
        return document.get(ID);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
        Object[] oldEntry = entryOf(oldDocument);
        Object[] newEntry = entryOf(newDocument);
        if (entries.getKeyType().compare(oldEntry, newEntry) != 0) {
            entries.remove(oldEntry);
            entries.put(newEntry, Boolean.TRUE);
        }
    }

    /** Not unique: nothing to check, and positions come from the _id index. */
    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
    }

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("Secondary indexes are read through QueryPlan");
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        entries.clear();
    }
}
