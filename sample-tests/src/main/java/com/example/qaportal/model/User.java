package com.example.qaportal.model;

import java.time.OffsetDateTime;

import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.Generated;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A member of the QA team (V1, V4). */
@Entity
@Table(name = "users")
public class User {
    /** The database numbers users; nobody else may (GENERATED ALWAYS). */
    @Id
    @Generated
    @Column(columnDefinition = "bigint generated always as identity", insertable = false, updatable = false)
    private Long id;

    @Column(nullable = false, unique = true)
    private String email;

    @Column(name = "full_name", nullable = false, length = 200)
    private String fullName;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false,
            columnDefinition = "timestamp with time zone")
    @ColumnDefault("now()")
    private OffsetDateTime createdAt;

    @Column(nullable = false, length = 50)
    @ColumnDefault("'member'")
    private String role;

    public Long getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getRole() {
        return role;
    }
}
