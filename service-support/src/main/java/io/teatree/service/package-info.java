/**
 * Plumbing the three services (client API, dispatcher, db-manager) share, so that each concern has one owner:
 * {@link io.teatree.service.nats} the NATS connection and its readiness, {@link io.teatree.service.s3} the S3
 * clients, {@link io.teatree.service.metrics} the metric label settings, {@link io.teatree.service.log} the log
 * context, {@link io.teatree.service.manager} what a placement hands a db-manager.
 */
package io.teatree.service;
