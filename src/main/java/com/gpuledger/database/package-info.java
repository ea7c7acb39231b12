/** What the features share about the database itself, beyond their own tables: the planner's statistics. */
package com.gpuledger.database;
