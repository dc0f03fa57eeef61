'use strict';
// sequelize-rs: `require('sequelize-rs')` (or `require('sequelize')` when installed under that
// name) is the Sequelize class, with DataTypes, Op, QueryTypes, errors … as statics.
module.exports = require('./lib/sequelize');
