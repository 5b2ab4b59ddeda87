package io.integr8scode.storage;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key of a {@link SecondaryIndex} entry in its MVMap: the indexed values in index order followed by the
 * document's _id, {@code [v1, ..., vn, _id]}. Values compare as the store sorts them ({@link ValueComparator}:
 * null and missing first, then numbers by value, strings, ..., dates), each in its key's direction, the _id
 * ascending. Common scalars are written compactly (a date as seconds and nanos); anything else by H2's
 * object serialization. Three markers never hold a value: {@link #LOW} and {@link #HIGH} sort before and after
 * every value (search bounds only), {@link #MULTIKEY} after everything (the first element of the entry of a
 * document with an array in an indexed field, which the index cannot order).
 */
final class IndexKeyType extends BasicDataType<Object[]> {

    enum Marker { LOW, HIGH, MULTIKEY }

    static final Marker LOW = Marker.LOW;
    static final Marker HIGH = Marker.HIGH;
    static final Marker MULTIKEY = Marker.MULTIKEY;

    private static final byte NULL = 0, INTEGER = 1, LONG = 2, DOUBLE = 3, STRING = 4, BOOLEAN = 5, DATE = 6,
            MULTIKEY_TAG = 7, OTHER = 8;

    private final boolean[] ascending;

    /** {@code ascending[i]} is the direction of the i-th indexed value; the trailing _id is always ascending. */
    IndexKeyType(List<Boolean> ascending) {
        this.ascending = new boolean[ascending.size()];
        for (int i = 0; i < this.ascending.length; i++) {
            this.ascending[i] = ascending.get(i);
        }
    }

    @Override
    public int compare(Object[] a, Object[] b) {
        int common = Math.min(a.length, b.length);
        for (int i = 0; i < common; i++) {
            int cmp = compareElement(a[i], b[i], i >= ascending.length || ascending[i]);
            if (cmp != 0) {
                return cmp;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static int compareElement(Object a, Object b, boolean ascending) {
        boolean aMarker = a instanceof Marker;
        boolean bMarker = b instanceof Marker;
        if (aMarker || bMarker) {
            // Markers sit at fixed places in key order, whatever the direction: LOW < values < HIGH < MULTIKEY.
            return Integer.compare(rank(a), rank(b));
        }
        int cmp = ValueComparator.asc().compare(a, b);
        return ascending ? cmp : -cmp;
    }

    private static int rank(Object element) {
        if (element == LOW) {
            return 0;
        } else if (element == HIGH) {
            return 2;
        } else if (element == MULTIKEY) {
            return 3;
        }
        return 1;
    }

    @Override
    public int getMemory(Object[] key) {
        int memory = 24 + 8 * key.length;
        for (Object element : key) {
            memory += element instanceof String text ? 40 + 2 * text.length() : 24;
        }
        return memory;
    }

    @Override
    public void write(WriteBuffer buffer, Object[] key) {
        buffer.putVarInt(key.length);
        for (Object element : key) {
            writeElement(buffer, element);
        }
    }

    private static void writeElement(WriteBuffer buffer, Object element) {
        if (Missing.isNullOrMissing(element)) {
            buffer.put(NULL);
        } else if (element instanceof Integer number) {
            buffer.put(INTEGER).putVarInt(number);
        } else if (element instanceof Long number) {
            buffer.put(LONG).putVarLong(number);
        } else if (element instanceof Double number) {
            buffer.put(DOUBLE).putDouble(number);
        } else if (element instanceof String text) {
            buffer.put(STRING).putVarInt(text.length()).putStringData(text, text.length());
        } else if (element instanceof Boolean flag) {
            buffer.put(BOOLEAN).put((byte) (flag ? 1 : 0));
        } else if (element instanceof Instant date) {
            buffer.put(DATE).putVarLong(date.getEpochSecond()).putVarInt(date.getNano());
        } else if (element == MULTIKEY) {
            buffer.put(MULTIKEY_TAG);
        } else if (element instanceof Marker marker) {
            throw new IllegalArgumentException("A search bound is never stored: " + marker);
        } else {
            buffer.put(OTHER);
            new ObjectDataType().write(buffer, element);
        }
    }

    @Override
    public Object[] read(ByteBuffer buffer) {
        Object[] key = new Object[DataUtils.readVarInt(buffer)];
        for (int i = 0; i < key.length; i++) {
            key[i] = readElement(buffer);
        }
        return key;
    }

    private static Object readElement(ByteBuffer buffer) {
        byte tag = buffer.get();
        return switch (tag) {
            case NULL -> null;
            case INTEGER -> DataUtils.readVarInt(buffer);
            case LONG -> DataUtils.readVarLong(buffer);
            case DOUBLE -> buffer.getDouble();
            case STRING -> DataUtils.readString(buffer, DataUtils.readVarInt(buffer));
            case BOOLEAN -> buffer.get() != 0;
            case DATE -> Instant.ofEpochSecond(DataUtils.readVarLong(buffer), DataUtils.readVarInt(buffer));
            case MULTIKEY_TAG -> MULTIKEY;
            case OTHER -> new ObjectDataType().read(buffer);
            default -> throw new IllegalStateException("Unknown index key element tag " + tag);
        };
    }

    @Override
    public Object[][] createStorage(int size) {
        return new Object[size][];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IndexKeyType type && Arrays.equals(ascending, type.ascending);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ascending);
    }
}
