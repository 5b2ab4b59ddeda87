package io.integr8scode.storage;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a query filter asks of each top-level field, as far as an index can answer it: an equality, an
 * {@code $in} list, or range bounds, gathered from the filter's own keys and from {@code $and} (which the
 * driver's {@code Filters.and} always sends). Only scalar operands count (null, strings, numbers, booleans,
 * dates, ObjectIds): equality of documents or arrays, regexes and every other operator are left to the
 * matcher, which always sees the full filter. {@link #exact()} says whether the terms are the whole filter.
 */
final class FilterTerms {

    /** The conditions on one field. */
    static final class Term {
        boolean hasEquality;
        Object equality;
        List<Object> in;
        boolean hasLower;
        Object lower;
        boolean lowerInclusive;
        boolean hasUpper;
        Object upper;
        boolean upperInclusive;
        boolean exact = true;

        boolean isRange() {
            return hasLower || hasUpper;
        }

        /** Every condition on the field is one equality or one {@code $in}: index entries then match exactly. */
        boolean isExactPoints() {
            return exact && !isRange() && (hasEquality || in != null);
        }
    }

    private final Map<String, Term> terms = new LinkedHashMap<>();
    private boolean exact = true;

    private FilterTerms() {
    }

    static FilterTerms of(Document filter) {
        FilterTerms terms = new FilterTerms();
        if (filter != null) {
            terms.collect(filter);
        }
        return terms;
    }

    Term term(String field) {
        return terms.get(field);
    }

    Map<String, Term> terms() {
        return terms;
    }

    /** True when the terms are all the filter says and each is an equality or an {@code $in}. */
    boolean exact() {
        return exact && terms.values().stream().allMatch(Term::isExactPoints);
    }

    private void collect(Document filter) {
        for (Map.Entry<String, Object> condition : filter.entrySet()) {
            String field = condition.getKey();
            Object value = condition.getValue();
            if (field.equals("$and") && value instanceof List<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document document) {
                        collect(document);
                    } else {
                        exact = false;
                    }
                }
            } else if (field.startsWith("$")) {
                exact = false;
            } else if (value instanceof Document operators && isOperatorDocument(operators)) {
                operators.forEach((operator, operand) -> collectOperator(field, operator, operand));
            } else {
                addEquality(field, value);
            }
        }
    }

    private void collectOperator(String field, String operator, Object operand) {
        Term term = terms.computeIfAbsent(field, name -> new Term());
        switch (operator) {
            case "$eq" -> addEquality(field, operand);
            case "$in" -> {
                if (operand instanceof List<?> values && !values.isEmpty() && values.stream().allMatch(FilterTerms::isScalar)
                        && !term.hasEquality && term.in == null) {
                    term.in = distinctSorted(values);
                } else {
                    term.exact = false;
                }
            }
            case "$gt", "$gte" -> {
                if (isScalar(operand) && !term.hasLower) {
                    term.hasLower = true;
                    term.lower = operand;
                    term.lowerInclusive = operator.equals("$gte");
                } else {
                    term.exact = false;
                }
            }
            case "$lt", "$lte" -> {
                if (isScalar(operand) && !term.hasUpper) {
                    term.hasUpper = true;
                    term.upper = operand;
                    term.upperInclusive = operator.equals("$lte");
                } else {
                    term.exact = false;
                }
            }
            default -> term.exact = false;
        }
    }

    private void addEquality(String field, Object value) {
        Term term = terms.computeIfAbsent(field, name -> new Term());
        if (isScalar(value) && !term.hasEquality && term.in == null) {
            term.hasEquality = true;
            term.equality = value;
        } else {
            term.exact = false;
        }
    }

    private static List<Object> distinctSorted(List<?> values) {
        List<Object> sorted = new ArrayList<>(values);
        sorted.sort(ValueComparator.asc());
        List<Object> distinct = new ArrayList<>();
        for (Object value : sorted) {
            if (distinct.isEmpty() || ValueComparator.asc().compare(distinct.get(distinct.size() - 1), value) != 0) {
                distinct.add(value);
            }
        }
        return distinct;
    }

    private static boolean isOperatorDocument(Document document) {
        return !document.isEmpty() && document.keySet().iterator().next().startsWith("$");
    }

    static boolean isScalar(Object value) {
        return value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || (value instanceof Double number && !number.isNaN()) || value instanceof Boolean
                || value instanceof Instant || value instanceof ObjectId;
    }
}
