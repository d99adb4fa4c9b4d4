-- The tables of the data dictionary. Every column is required; ids are chosen by the sender.

CREATE TABLE departments (
    id         integer      PRIMARY KEY CHECK (id > 0),
    department varchar(255) NOT NULL
);

CREATE TABLE jobs (
    id  integer      PRIMARY KEY CHECK (id > 0),
    job varchar(255) NOT NULL
);

CREATE TABLE hired_employees (
    id            integer      PRIMARY KEY CHECK (id > 0),
    name          varchar(255) NOT NULL,
    datetime      timestamptz  NOT NULL,
    department_id integer      NOT NULL REFERENCES departments (id),
    job_id        integer      NOT NULL REFERENCES jobs (id)
);

-- Deleting or restoring a department or job checks the hires that name it.
CREATE INDEX hired_employees_department_id ON hired_employees (department_id);
CREATE INDEX hired_employees_job_id ON hired_employees (job_id);
