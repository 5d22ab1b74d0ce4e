/**
 * Ward's operator configuration ({@code config/ward.yaml}): immutable, typed records validated once
 * at start-up by {@link org.ward.config.WardConfigLoader}, which reports every mistake in the file
 * in one pass, each with its file, line, column and key path.
 */
package org.ward.config;
