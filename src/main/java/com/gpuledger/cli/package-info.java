/** The command line: commands, options, environment files and exit codes (contracts sections 1-3). */
package com.gpuledger.cli;
