-- Research items the team tracks, with a workflow status.
CREATE TYPE research_status AS ENUM ('draft', 'in_review', 'published', 'archived');

CREATE TABLE research (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title       varchar(300)    NOT NULL,
    status      research_status NOT NULL DEFAULT 'draft',
    author_id   bigint          NOT NULL REFERENCES users (id),
    created_at  timestamptz     NOT NULL DEFAULT now(),
    updated_at  timestamptz     NOT NULL DEFAULT now()
);

CREATE INDEX ix_research_status ON research (status);
CREATE INDEX ix_research_author_id ON research (author_id);

CREATE FUNCTION touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER trg_research_touch BEFORE UPDATE ON research
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
