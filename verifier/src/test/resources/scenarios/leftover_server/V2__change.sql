CREATE SERVER archive FOREIGN DATA WRAPPER files OPTIONS (path '/archive');
