/**
 * A deterministic, in-process simulation of the Nebula Block provider API, served over loopback HTTP.
 * Independent of every other package of the project: the job's parser is tested against it.
 */
package com.gpuledger.simulator;
