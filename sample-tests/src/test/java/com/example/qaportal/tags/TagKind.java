package com.example.qaportal.tags;

/** What a tag names; Hibernate maps it to a PostgreSQL enum of its own, {@code tagkind}. */
public enum TagKind {
    topic, tool
}
