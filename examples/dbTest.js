const { Sequelize } = require('sequelize');

const sequelize = new Sequelize('postgres://<user>:<password>@ep-crimson-wildflower-999999.eu-central-1.aws.neon.tech/neondb', {
dialectOptions: {
    ssl: {
    require: true
    }
}
});

sequelize.authenticate()
.then(() => {
    console.log('Connection has been established successfully.');

    // Query the PostgreSQL version
    sequelize.query("SELECT version();")
    .then(results => {
        console.log('PostgreSQL Version:', results[0][0].version);
    })
    .catch(err => {
        console.error('Unable to retrieve PostgreSQL version:', err);
    });
})
.catch(err => {
    console.error('Unable to connect to the database:', err);
});
