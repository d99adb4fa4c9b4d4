-- rowgate keeps whatever Unicode text a client sends, in the tables and in <table>_errors. In a
-- database of another encoding, PostgreSQL refuses characters that encoding lacks: a valid row
-- could not be written, nor could its refusal be kept, and the writer would retry it forever.
DO $$
BEGIN
  IF current_setting('server_encoding') <> 'UTF8' THEN
    RAISE EXCEPTION 'rowgate needs a database whose encoding is UTF8; % is %', current_database(),
        current_setting('server_encoding')
      USING HINT = 'CREATE DATABASE <name> ENCODING ''UTF8'' TEMPLATE template0 (with a UTF-8 or C locale)';
  END IF;
END
$$;
