UPDATE comments SET body = left(body, length(body) - length(' (edited)')) WHERE body LIKE '% (edited)';
