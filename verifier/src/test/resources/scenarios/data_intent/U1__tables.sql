DROP TABLE site_aggregates, metadata, activity;
