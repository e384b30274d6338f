/**
 * The QA Team Portal's JPA entities: the schema as the application sees it. {@code ModelMatchesMigrationsTests}
 * proves that the migrations give exactly these tables, columns, keys and indexes.
 */
package com.example.qaportal.model;
