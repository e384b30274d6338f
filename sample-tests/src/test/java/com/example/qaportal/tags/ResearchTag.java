package com.example.qaportal.tags;

import org.hibernate.annotations.Generated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;
import org.hibernate.type.SqlTypes;

import com.example.qaportal.model.Research;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A tag on a research item. */
@Entity
@Table(name = "research_tags", indexes = @Index(name = "ix_research_tags_research_id", columnList = "research_id"))
public class ResearchTag {
    @Id
    @Generated
    @Column(columnDefinition = "bigint generated always as identity", insertable = false, updatable = false)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "research_id", foreignKey = @ForeignKey(name = "research_tags_research_id_fkey"),
            columnDefinition = "bigint")
    @OnDelete(action = OnDeleteAction.CASCADE)
    private Research research;

    @Column(nullable = false, length = 50)
    private String tag;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    @Column(nullable = false)
    private TagKind kind;

    public String getTag() {
        return tag;
    }

    public TagKind getKind() {
        return kind;
    }
}
