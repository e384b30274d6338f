package com.example.qaportal.model;

import java.time.OffsetDateTime;

import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.Generated;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A QA team (V1). */
@Entity
@Table(name = "teams")
public class Team {
    @Id
    @Generated
    @Column(columnDefinition = "bigint generated always as identity", insertable = false, updatable = false)
    private Long id;

    @Column(nullable = false, unique = true, length = 100)
    private String name;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false,
            columnDefinition = "timestamp with time zone")
    @ColumnDefault("now()")
    private OffsetDateTime createdAt;

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }
}
