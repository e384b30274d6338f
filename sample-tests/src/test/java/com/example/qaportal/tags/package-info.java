/**
 * The team's next feature, as a developer writes it before any migration: research tags (a table with an enum and an
 * index, and a foreign key to {@code research}) and a Slack channel per team (a column). {@code flyback new "add
 * research tags" --autogenerate --target-entities com.example.qaportal.model,com.example.qaportal.tags} writes the
 * migration and its undo from them (README); {@code NextFeatureTests} proves that pair.
 */
package com.example.qaportal.tags;
