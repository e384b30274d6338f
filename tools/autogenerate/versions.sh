#!/usr/bin/env bash
# Runs `flyback new --autogenerate` on every PostgreSQL major Flyback supports (14 to 18, embedded binaries fetched
# once from Maven Central): the QA portal's next feature from its JPA entities (Hibernate's DDL), and a target schema
# that needs most of what the DDL writer knows (verifier/src/test/resources/models/rich.sql). Each written pair must
# be proven (up, undo, up again, every check), and a second run must find nothing left to write.
#
# Usage: tools/autogenerate/versions.sh FLYBACK_JAR OUT_DIR   (run from the repository's root, after mvn package)
set -uo pipefail
jar=$1 out=$2
rm -rf "$out"; mkdir -p "$out"
for version in 14 15 16 17 18; do
    sample="$out/sample-$version" rich="$out/rich-$version"
    cp -r sample-tests/src/main/resources/db/migration "$sample"
    java -jar "$jar" new "add research tags" --autogenerate --postgres-version "$version" \
        --target-entities com.example.qaportal.model,com.example.qaportal.tags \
        --classpath sample-tests/target/classes:sample-tests/target/test-classes --locations "filesystem:$sample" \
        >"$sample.txt" 2>&1
    sample_rc=$?
    mkdir -p "$rich"
    echo "CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email varchar(100), legacy text);" \
        >"$rich/V1__customers.sql"
    echo "DROP TABLE customers;" >"$rich/U1__customers.sql"
    java -jar "$jar" new "rich" --autogenerate --postgres-version "$version" \
        --target-schema verifier/src/test/resources/models/rich.sql --locations "filesystem:$rich" >"$rich.txt" 2>&1
    rich_rc=$?
    again=$(java -jar "$jar" new "again" --autogenerate --postgres-version "$version" \
        --target-schema verifier/src/test/resources/models/rich.sql --locations "filesystem:$rich" 2>/dev/null | head -1)
    echo "PostgreSQL $version: sample exit $sample_rc ($(grep -o 'Applied *: [a-z]*' "$sample.txt")), rich target exit" \
        "$rich_rc ($(grep -o 'Applied *: [a-z]*' "$rich.txt")), then: ${again:0:40}" | tee -a "$out/results.txt"
done
