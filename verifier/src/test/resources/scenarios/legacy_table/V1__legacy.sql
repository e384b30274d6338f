CREATE TABLE legacy_import (payload text);
