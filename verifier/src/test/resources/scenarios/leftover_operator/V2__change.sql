CREATE OPERATOR === (LEFTARG = text, RIGHTARG = text, FUNCTION = same_email, COMMUTATOR = ===);
