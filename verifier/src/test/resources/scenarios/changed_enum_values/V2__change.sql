ALTER TYPE tier ADD VALUE 'enterprise';
