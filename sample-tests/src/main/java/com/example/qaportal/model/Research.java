package com.example.qaportal.model;

import java.time.OffsetDateTime;

import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Generated;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A research item the team tracks (V2). */
@Entity
@Table(name = "research", indexes = {
    @Index(name = "ix_research_status", columnList = "status"),
    @Index(name = "ix_research_author_id", columnList = "author_id")})
public class Research {
    @Id
    @Generated
    @Column(columnDefinition = "bigint generated always as identity", insertable = false, updatable = false)
    private Long id;

    @Column(nullable = false, length = 300)
    private String title;

    /**
     * The migration's enum type, written as the label and cast by PostgreSQL. Held as the label rather than mapped
     * with {@code @Enumerated} or a converter: for either, Hibernate adds a check constraint listing the values,
     * which the enum type makes redundant and which the migrations do not have.
     */
    @Column(nullable = false, columnDefinition = "research_status")
    @ColumnDefault("'draft'")
    @ColumnTransformer(write = "?::research_status")
    private String status;

    @ManyToOne(optional = false)
    @JoinColumn(name = "author_id", foreignKey = @ForeignKey(name = "research_author_id_fkey"),
            columnDefinition = "bigint")
    private User author;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false,
            columnDefinition = "timestamp with time zone")
    @ColumnDefault("now()")
    private OffsetDateTime createdAt;

    /** Set by the trigger {@code trg_research_touch} on every update. */
    @Column(name = "updated_at", nullable = false, insertable = false, updatable = false,
            columnDefinition = "timestamp with time zone")
    @ColumnDefault("now()")
    private OffsetDateTime updatedAt;

    public ResearchStatus getStatus() {
        return status == null ? null : ResearchStatus.valueOf(status);
    }

    public User getAuthor() {
        return author;
    }
}
