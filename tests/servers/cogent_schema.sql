-- The Cogent-house tables that FieldStation's MySQL push writes, for an empty MariaDB/MySQL
-- database. Used by the tests; a central admin can create a new central database with it:
--   mariadb -u ADMIN -p DATABASE < cogent_schema.sql
-- Column names and keys follow cogent-house (cogent/base/model). Two deliberate differences:
-- Reading.time and NodeState.time keep milliseconds (DATETIME(3)), and the lookup tables have the
-- unique keys their mapping relies on (name, address + deployment, house + room), so that
-- stations pushing at the same moment cannot create duplicates.

CREATE TABLE IF NOT EXISTS NodeType (
  id INT NOT NULL PRIMARY KEY,
  name VARCHAR(20),
  time DATETIME,
  seq INT,
  updated_seq INT,
  period INT,
  blink TINYINT(1),
  configured VARCHAR(255)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS SensorType (
  id INT NOT NULL PRIMARY KEY,
  name VARCHAR(255),
  code VARCHAR(50),
  units VARCHAR(20),
  c0 FLOAT, c1 FLOAT, c2 FLOAT, c3 FLOAT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS Deployment (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(255),
  description VARCHAR(255),
  startDate DATETIME,
  endDate DATETIME,
  UNIQUE KEY deployment_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS House (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  deploymentId INT,
  address VARCHAR(255),
  startDate DATETIME,
  endDate DATETIME,
  UNIQUE KEY house_address (address, deploymentId),
  FOREIGN KEY (deploymentId) REFERENCES Deployment (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS RoomType (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(20),
  UNIQUE KEY roomtype_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS Room (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  roomTypeId INT,
  name VARCHAR(20),
  UNIQUE KEY room_name (name),
  FOREIGN KEY (roomTypeId) REFERENCES RoomType (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS Location (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  houseId INT,
  roomId INT,
  UNIQUE KEY location_house_room (houseId, roomId),
  FOREIGN KEY (houseId) REFERENCES House (id),
  FOREIGN KEY (roomId) REFERENCES Room (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS Node (
  id INT NOT NULL PRIMARY KEY,
  locationId INT,
  nodeTypeId INT,
  FOREIGN KEY (locationId) REFERENCES Location (id),
  FOREIGN KEY (nodeTypeId) REFERENCES NodeType (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS Sensor (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sensorTypeId INT,
  nodeId INT,
  calibrationSlope FLOAT,
  calibrationOffset FLOAT,
  UNIQUE KEY sensor_node_type (nodeId, sensorTypeId),
  FOREIGN KEY (sensorTypeId) REFERENCES SensorType (id),
  FOREIGN KEY (nodeId) REFERENCES Node (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS Reading (
  time DATETIME(3) NOT NULL,
  nodeId INT NOT NULL,
  type INT NOT NULL,
  locationId INT,
  value FLOAT,
  PRIMARY KEY (time, nodeId, type),
  KEY r_node (nodeId),
  KEY r_type (type),
  KEY r_location (locationId),
  FOREIGN KEY (nodeId) REFERENCES Node (id),
  FOREIGN KEY (type) REFERENCES SensorType (id),
  FOREIGN KEY (locationId) REFERENCES Location (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS NodeState (
  time DATETIME(3) NOT NULL,
  nodeId INT NOT NULL,
  parent INT,
  `localtime` BIGINT,
  seq_num INT NOT NULL,
  rssi INT,
  PRIMARY KEY (nodeId, time, seq_num),
  KEY ns_1 (time, nodeId, `localtime`),
  FOREIGN KEY (nodeId) REFERENCES Node (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS Pushstatus (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  time DATETIME,
  `localtime` DATETIME,
  hostname VARCHAR(25),
  version VARCHAR(20)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
