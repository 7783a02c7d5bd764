-- Run once by the postgres image on an empty data volume (docker-compose.yml mounts it into
-- /docker-entrypoint-initdb.d). One database per service; each service also creates its own
-- database on start-up if it is missing, and its migrations create the tables.
CREATE DATABASE rental_gateway;
CREATE DATABASE rental_order;
CREATE DATABASE rental_billing;
CREATE DATABASE rental_provisioning;
CREATE DATABASE rental_notification;
