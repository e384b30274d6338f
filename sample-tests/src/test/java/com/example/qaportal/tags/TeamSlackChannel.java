package com.example.qaportal.tags;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The Slack integration's view of a team: its own entity on the table {@code teams} (Hibernate allows several), so
 * that the feature adds its column without touching {@code Team}.
 */
@Entity(name = "TeamSlackChannel")
@Table(name = "teams")
public class TeamSlackChannel {
    @Id
    @Column(columnDefinition = "bigint generated always as identity", insertable = false, updatable = false)
    private Long id;

    @Column(name = "slack_channel", length = 80)
    private String slackChannel;

    public String getSlackChannel() {
        return slackChannel;
    }
}
