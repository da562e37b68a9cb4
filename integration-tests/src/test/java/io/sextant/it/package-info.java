/** Integration-test support shared by every backend: the fixture interface, child registrants. */
package io.sextant.it;
