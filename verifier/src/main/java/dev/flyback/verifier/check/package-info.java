/**
 * The schema checks that judge a revision's result beyond reversibility: one class per family of rules, each
 * returning findings made by {@link dev.flyback.verifier.finding.FindingMessages}. A new rule goes here: a
 * {@link dev.flyback.verifier.finding.FindingType} constant, a factory in {@code FindingMessages}, a query or a
 * look at the snapshot in a check class, and a golden scenario.
 */
package dev.flyback.verifier.check;
