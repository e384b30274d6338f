package com.example.qaportal.model;

/** The workflow of a research item: PostgreSQL's enum {@code research_status} (V2). */
public enum ResearchStatus {
    draft, in_review, published, archived
}
