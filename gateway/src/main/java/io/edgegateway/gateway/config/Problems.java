package io.edgegateway.gateway.config;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while a config is read, so reading continues past the first one. Not thread-safe. */
final class Problems {
    private final List<ConfigProblem> list = new ArrayList<>();

    void add(Location where, String path, String message, String hint) {
        list.add(new ConfigProblem(where, path, message, hint));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int size() {
        return list.size();
    }

    List<ConfigProblem> list() {
        return List.copyOf(list);
    }
}
