package com.example.qaportal.model;

import java.time.OffsetDateTime;

import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** Which user belongs to which team (V1), with an optional LinkedIn URL (V3). */
@Entity
@Table(name = "team_members",
        uniqueConstraints = @UniqueConstraint(name = "uq_team_members_team_user", columnNames = {"team_id", "user_id"}),
        indexes = @Index(name = "ix_team_members_user_id", columnList = "user_id"))
public class TeamMember {
    @Id
    @Generated
    @Column(columnDefinition = "bigint generated always as identity", insertable = false, updatable = false)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "team_id", foreignKey = @ForeignKey(name = "team_members_team_id_fkey"),
            columnDefinition = "bigint")
    @OnDelete(action = OnDeleteAction.CASCADE)
    private Team team;

    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id", foreignKey = @ForeignKey(name = "team_members_user_id_fkey"),
            columnDefinition = "bigint")
    @OnDelete(action = OnDeleteAction.CASCADE)
    private User user;

    @Column(name = "joined_at", nullable = false, insertable = false, updatable = false,
            columnDefinition = "timestamp with time zone")
    @ColumnDefault("now()")
    private OffsetDateTime joinedAt;

    @Column(name = "linkedin_url", length = 500)
    private String linkedinUrl;

    public Team getTeam() {
        return team;
    }

    public User getUser() {
        return user;
    }
}
