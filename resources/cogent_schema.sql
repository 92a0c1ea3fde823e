-- A Cogent-house central database as Cogent-house itself makes it, for an empty MariaDB/MySQL
-- database. Used by the tests; a central admin can create a new central database with it:
--   mariadb -u ADMIN -p DATABASE < cogent_schema.sql
--
-- Part 1 is what SQLAlchemy's metadata.create_all() makes on MySQL from the models in
-- jbrusey/cogent-house, branch master, cogent/base/model/ (every table those modules register, every
-- column, the same types: Integer INT, BigInteger BIGINT, Float FLOAT, DateTime DATETIME (whole
-- seconds), String(n) VARCHAR(n), Text TEXT, Boolean BOOL; a single integer primary key without
-- autoincrement=False is AUTO_INCREMENT; the foreign keys, indexes and unique constraints the
-- models declare, nothing else). Tables whose model sets the InnoDB mixin's table options get
-- ENGINE=InnoDB and CHARSET=utf8; the others take the server's defaults, as create_all leaves them.
-- UploadURL (uploadurl.py) is not here: no module of the model package imports it, and its
-- length-less String columns cannot be created on MySQL anyway.
-- Part 2 seeds what populateData.init_data() seeds (sensor types, node types, room types and
-- their rooms; not the calibration files), as Cogent-house does after create_all.
--
-- The script adds no index and no constraint of its own: FieldStation must work against a
-- database made by Cogent-house. The FieldStationStation table (node id bases) is created by the
-- pusher itself when it needs one. Every statement may be run again on a database it made.

-- House.serverid references Server, which references Node → Location → House: SQLAlchemy breaks
-- the cycle with a named constraint (use_alter); declaring it inline with the checks off does the
-- same in one pass.
SET @fs_old_fk_checks = @@FOREIGN_KEY_CHECKS;
SET FOREIGN_KEY_CHECKS = 0;

-- ---------------------------------------------------------------------------------------------
-- Part 1: the tables

CREATE TABLE IF NOT EXISTS Deployment (
  id INT NOT NULL AUTO_INCREMENT,
  name VARCHAR(255),
  description VARCHAR(255),
  startDate DATETIME,
  endDate DATETIME,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS DeploymentMetadata (
  id INT NOT NULL AUTO_INCREMENT,
  deploymentId INT,
  name VARCHAR(255),
  description VARCHAR(255),
  units VARCHAR(255),
  value FLOAT,
  PRIMARY KEY (id),
  FOREIGN KEY (deploymentId) REFERENCES Deployment (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS Host (
  id INT NOT NULL AUTO_INCREMENT,
  hostname VARCHAR(255),
  lastupdate DATETIME,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS House (
  id INT NOT NULL AUTO_INCREMENT,
  deploymentId INT,
  address VARCHAR(255),
  startDate DATETIME,
  endDate DATETIME,
  serverid INT NULL,
  PRIMARY KEY (id),
  FOREIGN KEY (deploymentId) REFERENCES Deployment (id),
  CONSTRAINT fk_house_server_id FOREIGN KEY (serverid) REFERENCES Server (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS HouseMetadata (
  id INT NOT NULL AUTO_INCREMENT,
  houseId INT,
  name VARCHAR(255),
  description VARCHAR(255),
  units VARCHAR(20),
  value FLOAT,
  PRIMARY KEY (id),
  FOREIGN KEY (houseId) REFERENCES House (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS Event (
  id INT NOT NULL AUTO_INCREMENT,
  houseId INT,
  name VARCHAR(50),
  description VARCHAR(255) NULL,
  time DATETIME,
  PRIMARY KEY (id),
  FOREIGN KEY (houseId) REFERENCES House (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS Occupier (
  id INT NOT NULL AUTO_INCREMENT,
  houseId INT,
  name VARCHAR(255),
  contactNumber VARCHAR(20),
  startDate DATETIME,
  endDate DATETIME,
  PRIMARY KEY (id),
  FOREIGN KEY (houseId) REFERENCES House (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS LastReport (
  name VARCHAR(40) NOT NULL,
  value VARCHAR(4096),
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS RoomType (
  id INT NOT NULL AUTO_INCREMENT,
  name VARCHAR(20),
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS Room (
  id INT NOT NULL AUTO_INCREMENT,
  roomTypeId INT NULL,
  name VARCHAR(20),
  PRIMARY KEY (id),
  FOREIGN KEY (roomTypeId) REFERENCES RoomType (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS Location (
  id INT NOT NULL AUTO_INCREMENT,
  houseId INT,
  roomId INT,
  PRIMARY KEY (id),
  UNIQUE (houseId, roomId),
  FOREIGN KEY (houseId) REFERENCES House (id),
  FOREIGN KEY (roomId) REFERENCES Room (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

-- `configured` is a Bitset stored through a String(10) type decorator.
CREATE TABLE IF NOT EXISTS NodeType (
  id INT NOT NULL,
  name VARCHAR(20),
  time DATETIME,
  seq INT,
  updated_seq INT,
  period INT,
  blink BOOL,
  configured VARCHAR(10),
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS Node (
  id INT NOT NULL AUTO_INCREMENT,
  locationId INT NULL,
  nodeTypeId INT NULL,
  PRIMARY KEY (id),
  FOREIGN KEY (locationId) REFERENCES Location (id),
  FOREIGN KEY (nodeTypeId) REFERENCES NodeType (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

-- An association table with no primary key and no table options.
CREATE TABLE IF NOT EXISTS NodeLocation (
  LocationId INT,
  nodeId INT,
  FOREIGN KEY (LocationId) REFERENCES Location (id),
  FOREIGN KEY (nodeId) REFERENCES Node (id)
);

CREATE TABLE IF NOT EXISTS NodeHistory (
  nodeId INT NOT NULL,
  startDate DATETIME NOT NULL,
  endDate DATETIME,
  houseAddress VARCHAR(255),
  roomType VARCHAR(255),
  roomName VARCHAR(255),
  PRIMARY KEY (nodeId, startDate),
  FOREIGN KEY (nodeId) REFERENCES Node (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

-- The model's table options are only the ns_1 index (they replace the mixin's): no engine or
-- charset is named. A surrogate AUTO_INCREMENT id and no unique key: a resent row is a duplicate.
CREATE TABLE IF NOT EXISTS NodeState (
  id INT NOT NULL AUTO_INCREMENT,
  time DATETIME,
  nodeId INT,
  parent INT,
  `localtime` BIGINT,
  seq_num INT,
  rssi INT,
  PRIMARY KEY (id),
  INDEX ns_1 (time, nodeId, `localtime`),
  FOREIGN KEY (nodeId) REFERENCES Node (id)
);

-- The model names its index "time", on nodeId alone.
CREATE TABLE IF NOT EXISTS NodeBoot (
  time DATETIME NOT NULL,
  nodeId INT,
  clustered BOOL,
  version VARCHAR(20),
  PRIMARY KEY (time),
  INDEX time (nodeId),
  FOREIGN KEY (nodeId) REFERENCES Node (id)
);

CREATE TABLE IF NOT EXISTS SensorType (
  id INT NOT NULL,
  name VARCHAR(255),
  code VARCHAR(50),
  units VARCHAR(20),
  c0 FLOAT,
  c1 FLOAT,
  c2 FLOAT,
  c3 FLOAT,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS Sensor (
  id INT NOT NULL AUTO_INCREMENT,
  sensorTypeId INT,
  nodeId INT,
  calibrationSlope FLOAT,
  calibrationOffset FLOAT,
  PRIMARY KEY (id),
  FOREIGN KEY (sensorTypeId) REFERENCES SensorType (id),
  FOREIGN KEY (nodeId) REFERENCES Node (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

-- Whole seconds: two readings of one node and type in one second share the key.
CREATE TABLE IF NOT EXISTS Reading (
  time DATETIME NOT NULL,
  nodeId INT NOT NULL,
  type INT NOT NULL,
  locationId INT,
  value FLOAT,
  PRIMARY KEY (time, nodeId, type),
  FOREIGN KEY (nodeId) REFERENCES Node (id),
  FOREIGN KEY (type) REFERENCES SensorType (id),
  FOREIGN KEY (locationId) REFERENCES Location (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS RawMessage (
  id INT NOT NULL,
  time DATETIME,
  pickedObject VARCHAR(400),
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

-- rpc holds the remote procedure calls a server answers, as a bit mask.
CREATE TABLE IF NOT EXISTS Server (
  id INT NOT NULL AUTO_INCREMENT,
  hostname VARCHAR(255),
  baseid INT,
  rpc INT,
  PRIMARY KEY (id),
  FOREIGN KEY (baseid) REFERENCES Node (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS Pushstatus (
  id INT NOT NULL AUTO_INCREMENT,
  time DATETIME,
  `localtime` DATETIME,
  hostname VARCHAR(25),
  version VARCHAR(20),
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS Timings (
  id INT NOT NULL AUTO_INCREMENT,
  text TEXT NULL,
  function TEXT,
  args TEXT,
  kwargs TEXT,
  time FLOAT,
  PRIMARY KEY (id)
);

CREATE TABLE IF NOT EXISTS User (
  id INT NOT NULL AUTO_INCREMENT,
  username VARCHAR(256),
  email VARCHAR(256),
  password VARCHAR(256),
  level VARCHAR(32),
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS Weather (
  time DATETIME NOT NULL,
  outTemp FLOAT,
  outHum FLOAT,
  dew FLOAT,
  gust FLOAT,
  wSpeed FLOAT,
  wDir FLOAT,
  wChill FLOAT,
  apparentTemp FLOAT,
  rain FLOAT,
  pressure FLOAT,
  tempIn FLOAT,
  humIn FLOAT,
  PRIMARY KEY (time)
);

SET FOREIGN_KEY_CHECKS = @fs_old_fk_checks;

-- ---------------------------------------------------------------------------------------------
-- Part 2: the seeded rows

-- Sensor types: populateData merges them by id, so a row that exists is left as Cogent has it.
-- Its list really does repeat some codes (T, dT, HD, imp) under different ids.
INSERT IGNORE INTO SensorType (id, name, code, units, c0, c1, c2, c3) VALUES
  (0, 'Temperature', 'T', 'deg.C', 0, 1, 0, 0),
  (1, 'Delta Temperature', 'dT', 'deg.C/s', 0, 1, 0, 0),
  (2, 'Humidity', 'RH', '%', 0, 1, 0, 0),
  (3, 'Delta Humidity', 'dRH', '%/s', 0, 1, 0, 0),
  (4, 'Light PAR', 'PAR', 'Lux', 0, 1, 0, 0),
  (5, 'Light TSR', 'TSR', 'Lux', 0, 1, 0, 0),
  (6, 'Battery Voltage', 'BAT', 'V', 0, 1, 0, 0),
  (7, 'Delta Battery Voltage', 'dBT', 'V/s', 0, 1, 0, 0),
  (8, 'CO2', 'CO2', 'ppm', 0, 1, 0, 0),
  (9, 'Air Quality', 'AQ', 'ppm', 0, 1, 0, 0),
  (10, 'VOC', 'VOC', 'ppm', 0, 1, 0, 0),
  (11, 'Power', 'POW', 'W', 0, 1, 0, 0),
  (12, 'Heat', 'HET', 'W', 0, 1, 0, 0),
  (13, 'Duty cycle', 'DUT', 'ms', 0, 1, 0, 0),
  (14, 'Error', 'ERR', '', 0, 1, 0, 0),
  (15, 'Power Min', 'PMI', 'w', 0, 1, 0, 0),
  (16, 'Power Max', 'PMA', 'w', 0, 1, 0, 0),
  (17, 'Power Consumption', 'CON', 'kWh', 0, 1, 0, 0),
  (18, 'Heat Energy', 'HEN', 'kWh', 0, 1, 0, 0),
  (19, 'Heat Volume', 'HVO', 'L', 0, 1, 0, 0),
  (20, 'Delta CO2', 'dCO2', 'ppm/s', 0, 1, 0, 0),
  (21, 'Delta VOC', 'dVOC', 'ppm/s', 0, 1, 0, 0),
  (22, 'Delta AQ', 'dAQ', 'v/s', 0, 1, 0, 0),
  (23, 'Temperature Health', 'TH', '%', 0, 1, 0, 0),
  (24, 'Temperature Cold', 'TC', '%', 0, 1, 0, 0),
  (25, 'Temperature Comfort', 'TM', '%', 0, 1, 0, 0),
  (26, 'Temperature Warm', 'TW', '%', 0, 1, 0, 0),
  (27, 'Temperature Over', 'TO', '%', 0, 1, 0, 0),
  (28, 'Humidity Dry', 'HD', '%', 0, 1, 0, 0),
  (29, 'Humidity Comfort', 'HD', '%', 0, 1, 0, 0),
  (30, 'Humidity Damp', 'HD', '%', 0, 1, 0, 0),
  (31, 'Humidity Risk', 'HR', '%', 0, 1, 0, 0),
  (32, 'CO2 Acceptable', 'CA', '%', 0, 1, 0, 0),
  (33, 'CO2 Minor', 'Cmin', '%', 0, 1, 0, 0),
  (34, 'CO2 Medium', 'CMED', '%', 0, 1, 0, 0),
  (35, 'CO2 Major', 'CMAJ', '%', 0, 1, 0, 0),
  (36, 'VOC Acceptable', 'VA', '%', 0, 1, 0, 0),
  (37, 'VOC Poor', 'VP', '%', 0, 1, 0, 0),
  (38, 'AQ Acceptable', 'AA', '%', 0, 1, 0, 0),
  (39, 'AQ Poor', 'AP', '%', 0, 1, 0, 0),
  (40, 'Opti Smart Count', 'imp', 'imp', NULL, NULL, NULL, NULL),
  (41, 'Temperature ADC0', 'T', 'deg.C', 0, 1, 0, 0),
  (42, 'Delta Temperature ADC0', 'dT', 'deg.C/s', 0, 1, 0, 0),
  (43, 'Gas Pulse Count', 'imp', 'imp', 0, 1, 0, 0),
  (44, 'Delta Opti', 'imp', 'imp', 0, 1, 0, 0),
  (45, 'Window State', 'ste', 'ste', 0, 1, 0, 0),
  (99, 'Gas Consumption', 'Gas', 'kWh', 0, 1, 0, 0),
  (102, 'Outside Temperature', 'ws_temp_out', 'deg.C', 0, 1, 0, 0),
  (103, 'Outside Humidity', 'ws_hum_out', 'deg.C', 0, 1, 0, 0),
  (104, 'WS Inside Temperature', 'ws_temp_in', 'deg.C', 0, 1, 0, 0),
  (105, 'WS Inside Humidity', 'ws_hum_in', 'deg.C', 0, 1, 0, 0),
  (106, 'Dew Point', 'ws_dew', 'deg.C', 0, 1, 0, 0),
  (107, 'Apparent Temperature', 'ws_apparent_temp', 'deg.C', 0, 1, 0, 0),
  (108, 'Wind Gust', 'ws_wind_gust', 'mph', 0, 1, 0, 0),
  (109, 'Average Wind Speed', 'ws_wind_ave', 'mph', 0, 1, 0, 0),
  (110, 'Wind Direction', 'ws_wind_dir', '', 0, 1, 0, 0),
  (111, 'Wind Chill', 'ws_wind_chill', 'deg.C', 0, 1, 0, 0),
  (112, 'Rain Fall', 'ws_rain', 'mm', 0, 1, 0, 0),
  (113, 'Absolute Pressure', 'ws_abs_pressure', 'hpa', 0, 1, 0, 0);

-- Node types: merged by id in the same way.
INSERT IGNORE INTO NodeType (id, name, time, seq, updated_seq, period, blink, configured) VALUES
  (0, 'Base', '2011-07-10 00:00:00', 1, 0, 307200, 0, '31,4'),
  (1, 'Current Cost', '2011-07-10 00:00:00', 1, 0, 307200, 0, '31,5'),
  (2, 'CO2', '2011-07-10 00:00:00', 1, 0, 307200, 0, '63,4'),
  (3, 'Air Quality', '2011-07-10 00:00:00', 1, 0, 307200, 0, '255,4'),
  (4, 'Heat Meter', '2011-07-10 00:00:00', 1, 0, 307200, 0, '31,4'),
  (5, 'EnergyBoard', '2011-07-10 00:00:00', 1, 0, 307200, 0, '31,4'),
  (6, 'TempADC0 Node', '2011-07-10 00:00:00', 1, 0, 307200, 0, '31,4'),
  (7, 'Gas Node', '2011-07-10 00:00:00', 1, 0, 307200, 0, '31,4'),
  (8, 'Window Sensor', '2011-07-10 00:00:00', 1, 0, 307200, 0, '31,4'),
  (10, 'ClusterHead CO2', '2011-07-10 00:00:00', 1, 0, 307200, 0, '31,4'),
  (11, 'ClusterHead AQ', '2011-07-10 00:00:00', 1, 0, 307200, 0, '31,4'),
  (12, 'ClusterHead CC', '2011-07-10 00:00:00', 1, 0, 307200, 0, '31,4');

-- Room types and their rooms: populateData adds a type only when no type has that name (the
-- misspelt "Unocupied" is Cogent's own), and then each of its rooms no room has the name of.
INSERT INTO RoomType (name)
  SELECT t.name FROM (SELECT 1 AS n, 'Bedroom' AS name UNION ALL SELECT 2, 'Living Area'
                      UNION ALL SELECT 3, 'Wet Room' UNION ALL SELECT 4, 'Unocupied') AS t
  WHERE NOT EXISTS (SELECT 1 FROM RoomType r WHERE r.name = t.name)
  ORDER BY t.n;

INSERT INTO Room (roomTypeId, name)
  SELECT rt.id, r.name
  FROM (SELECT 1 AS n, 'Bedroom' AS type, 'Master Bedroom' AS name
        UNION ALL SELECT 2, 'Bedroom', 'Second Bedroom'
        UNION ALL SELECT 3, 'Bedroom', 'Third Bedroom'
        UNION ALL SELECT 4, 'Living Area', 'Living Room'
        UNION ALL SELECT 5, 'Living Area', 'Dining Room'
        UNION ALL SELECT 6, 'Wet Room', 'Bathroom'
        UNION ALL SELECT 7, 'Wet Room', 'WC'
        UNION ALL SELECT 8, 'Wet Room', 'Kitchen'
        UNION ALL SELECT 9, 'Unocupied', 'Hallway'
        UNION ALL SELECT 10, 'Unocupied', 'Upstairs Hallway'
        UNION ALL SELECT 11, 'Unocupied', 'Utility Room'
        UNION ALL SELECT 12, 'Unocupied', 'Spare Room') AS r
  JOIN RoomType rt ON rt.name = r.type
  WHERE NOT EXISTS (SELECT 1 FROM Room x WHERE x.name = r.name)
  ORDER BY r.n;
